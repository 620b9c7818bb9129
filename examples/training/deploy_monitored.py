"""Deploys the latest ticket-router model with request/response capture enabled."""
import os
import sys

import sagemaker
from sagemaker.model_monitor import DataCaptureConfig
from sagemaker.pytorch import PyTorchModel

session = sagemaker.Session()
role = sagemaker.get_execution_role()
bucket = session.default_bucket()
endpoint_kms_key = os.environ["ENDPOINT_KMS_KEY_ARN"]

model = PyTorchModel(
    model_data=sys.argv[1],
    role=role,
    entry_point="inference.py",
    source_dir="src",
    framework_version="2.2",
    py_version="py310",
    enable_network_isolation=True,
)

predictor = model.deploy(
    initial_instance_count=2,
    instance_type="ml.m5.xlarge",
    kms_key=endpoint_kms_key,
    data_capture_config=DataCaptureConfig(
        enable_capture=True,
        sampling_percentage=100,
        destination_s3_uri=f"s3://{bucket}/capture",
    ),
)
print(f"Deployed endpoint {predictor.endpoint_name}")
